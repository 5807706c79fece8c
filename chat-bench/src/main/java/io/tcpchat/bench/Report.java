package io.tcpchat.bench;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of one run: named figures in the order they were added, and the problems found.
 * A run with any problem failed. Printed as an aligned table or as one JSON object:
 *
 * <pre>
 * {"scenario":"fanout","ok":true,"problems":[],"results":{"clients":10, ...}}
 * </pre>
 */
final class Report {

    private record Row(String key, String label, Object value, String unit) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().disable(SerializationFeature.INDENT_OUTPUT).build();

    private final String scenario;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    Report(String scenario) {
        this.scenario = scenario;
    }

    /** A figure: {@code key} names it in JSON, {@code label} and {@code unit} in the table. */
    Report add(String key, String label, Object value, String unit) {
        rows.add(new Row(key, label, value, unit));
        return this;
    }

    Report add(String key, String label, Object value) {
        return add(key, label, value, "");
    }

    synchronized Report problem(String text) {
        problems.add(text);
        return this;
    }

    synchronized boolean ok() {
        return problems.isEmpty();
    }

    synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    /** The value added under {@code key}, or {@code null}. */
    Object value(String key) {
        return rows.stream().filter(r -> r.key().equals(key)).map(Row::value).findFirst().orElse(null);
    }

    String scenario() {
        return scenario;
    }

    synchronized String table() {
        int width = rows.stream().mapToInt(r -> r.label().length()).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        sb.append("chat-bench ").append(scenario).append(": ").append(problems.isEmpty() ? "OK" : "FAILED").append('\n');
        for (Row row : rows) {
            sb.append("  ").append(row.label()).append(" ".repeat(width - row.label().length() + 3))
                    .append(format(row.value()));
            if (!row.unit().isEmpty()) {
                sb.append(' ').append(row.unit());
            }
            sb.append('\n');
        }
        if (!problems.isEmpty()) {
            sb.append("problems:\n");
            problems.forEach(p -> sb.append("  - ").append(p).append('\n'));
        }
        return sb.toString();
    }

    synchronized String json() {
        Map<String, Object> results = new LinkedHashMap<>();
        for (Row row : rows) {
            results.put(row.key(), row.value() instanceof Double d ? round(d) : row.value());
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("scenario", scenario);
        root.put("ok", problems.isEmpty());
        root.put("problems", problems);
        root.put("results", results);
        return JSON.writeValueAsString(root);
    }

    static String format(Object value) {
        return switch (value) {
            case null -> "-";
            case Double d when d == Math.rint(d) || Math.abs(d) >= 100 -> String.format(Locale.ROOT, "%.0f", d);
            case Double d -> String.format(Locale.ROOT, "%.2f", d);
            default -> value.toString();
        };
    }

    private static double round(double d) {
        return Math.round(d * 1000) / 1000.0;
    }
}
