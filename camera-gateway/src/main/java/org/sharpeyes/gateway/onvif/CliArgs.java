package org.sharpeyes.gateway.onvif;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options and positional arguments; unknown options are errors. */
record CliArgs(List<String> positional, Map<String, String> options) {

    static CliArgs parse(List<String> args, Set<String> known) {
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--")) {
                String name = a.substring(2);
                if (!known.contains(name)) {
                    throw new IllegalArgumentException("unknown option " + a);
                }
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                options.put(name, args.get(++i));
            } else {
                positional.add(a);
            }
        }
        return new CliArgs(positional, options);
    }

    int seconds(String name, int defaultValue) {
        String v = options.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= 600) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " must be a whole number of seconds from 1 to 600, got " + v);
    }
}
