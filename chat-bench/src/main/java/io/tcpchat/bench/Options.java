package io.tcpchat.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line options of the form {@code --name value}, {@code --name=value} and
 * {@code --flag}. Each scenario declares its {@link Spec}s; anything else is refused with a
 * {@link UsageException}, and so is a value that is missing, repeated or not a number where
 * a number belongs.
 */
final class Options {

    /** One option. A {@code valueName} of {@code null} makes it a flag that takes no value. */
    record Spec(String name, String valueName, String defaultValue, String help) {

        static Spec value(String name, String valueName, String defaultValue, String help) {
            return new Spec(name, valueName, defaultValue, help);
        }

        static Spec flag(String name, String help) {
            return new Spec(name, null, null, help);
        }

        boolean isFlag() {
            return valueName == null;
        }
    }

    /** A mistake on the command line: the message is meant for the user. */
    static final class UsageException extends Exception {

        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    private final Map<String, Spec> specs;
    private final Map<String, String> values;

    private Options(Map<String, Spec> specs, Map<String, String> values) {
        this.specs = specs;
        this.values = values;
    }

    static Options parse(List<Spec> specList, List<String> args) throws UsageException {
        Map<String, Spec> specs = new LinkedHashMap<>();
        for (Spec spec : specList) {
            if (specs.putIfAbsent(spec.name(), spec) != null) {
                throw new IllegalArgumentException("option declared twice: --" + spec.name());
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            Spec spec = specs.get(name);
            if (spec == null) {
                throw new UsageException("unknown option --" + name);
            }
            String value;
            if (spec.isFlag()) {
                if (inline != null) {
                    throw new UsageException("option --" + name + " takes no value");
                }
                value = "true";
            } else if (inline != null) {
                value = inline;
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new UsageException("option --" + name + " needs a value <" + spec.valueName() + ">");
            }
            if (values.putIfAbsent(name, value) != null) {
                throw new UsageException("option --" + name + " given twice");
            }
        }
        return new Options(specs, values);
    }

    /** Whether the option was given on the command line (a flag: whether it is set). */
    boolean has(String name) {
        spec(name);
        return values.containsKey(name);
    }

    boolean flag(String name) {
        return has(name);
    }

    /** The value given, else the default, else {@code null}. */
    String string(String name) {
        Spec spec = spec(name);
        return values.getOrDefault(name, spec.defaultValue());
    }

    int intValue(String name) throws UsageException {
        long v = longValue(name);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new UsageException("option --" + name + ": " + v + " is out of range");
        }
        return (int) v;
    }

    long longValue(String name) throws UsageException {
        String s = required(name);
        try {
            return Long.parseLong(s.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + ": '" + s + "' is not a whole number");
        }
    }

    double doubleValue(String name) throws UsageException {
        String s = required(name);
        try {
            double v = Double.parseDouble(s);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + ": '" + s + "' is not a number");
        }
    }

    /** An int within {@code [min, max]}. */
    int intIn(String name, int min, int max) throws UsageException {
        int v = intValue(name);
        if (v < min || v > max) {
            throw new UsageException("option --" + name + " must be between " + min + " and " + max + ", not " + v);
        }
        return v;
    }

    /** A long within {@code [min, max]}. */
    long longIn(String name, long min, long max) throws UsageException {
        long v = longValue(name);
        if (v < min || v > max) {
            throw new UsageException("option --" + name + " must be between " + min + " and " + max + ", not " + v);
        }
        return v;
    }

    private String required(String name) throws UsageException {
        String s = string(name);
        if (s == null) {
            throw new UsageException("option --" + name + " is required");
        }
        return s;
    }

    private Spec spec(String name) {
        Spec spec = specs.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("no such option declared: --" + name);
        }
        return spec;
    }

    /** One line per option, aligned, for {@code --help}. */
    static String help(List<Spec> specs) {
        List<String> left = new ArrayList<>();
        int width = 0;
        for (Spec spec : specs) {
            String l = "  --" + spec.name() + (spec.isFlag() ? "" : " <" + spec.valueName() + ">");
            left.add(l);
            width = Math.max(width, l.length());
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < specs.size(); i++) {
            Spec spec = specs.get(i);
            sb.append(left.get(i)).append(" ".repeat(width - left.get(i).length() + 2)).append(spec.help());
            if (spec.defaultValue() != null) {
                sb.append(" (default ").append(spec.defaultValue()).append(')');
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
