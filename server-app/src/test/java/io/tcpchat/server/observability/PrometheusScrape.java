package io.tcpchat.server.observability;

import java.util.HashMap;
import java.util.Map;

/** The text Prometheus scrapes from /actuator/prometheus, as series name (labels included) to value. */
final class PrometheusScrape {

    private PrometheusScrape() {
    }

    static Map<String, Double> parse(String body) {
        Map<String, Double> values = new HashMap<>();
        for (String line : body.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            values.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return values;
    }
}
