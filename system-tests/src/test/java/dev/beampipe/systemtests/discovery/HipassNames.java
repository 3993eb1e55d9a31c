package dev.beampipe.systemtests.discovery;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Deterministic, distinct HIPASS-like source identifiers {@code HIPASSJhhmm±dd} (the simulator seeds its data on the name). */
public final class HipassNames {
    private HipassNames() {
    }

    /** {@code n} names drawn from a seeded generator: the same seed always gives the same list. */
    public static List<String> of(int n, long seed) {
        Random random = new Random(seed);
        Set<String> names = new LinkedHashSet<>();
        while (names.size() < n) {
            names.add(String.format("HIPASSJ%02d%02d%c%02d", random.nextInt(24), random.nextInt(60),
                    random.nextBoolean() ? '-' : '+', random.nextInt(90)));
        }
        return new ArrayList<>(names);
    }
}
