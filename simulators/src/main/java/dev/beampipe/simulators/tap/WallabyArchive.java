package dev.beampipe.simulators.tap;

import static dev.beampipe.simulators.tap.Column.Type.DOUBLE;
import static dev.beampipe.simulators.tap.Column.Type.INT;
import static dev.beampipe.simulators.tap.Column.Type.LONG;
import static dev.beampipe.simulators.tap.Column.Type.SHORT;
import static dev.beampipe.simulators.tap.Column.chars;
import static dev.beampipe.simulators.tap.Column.of;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deterministic synthetic WALLABY data, seeded by SHA-256 of the source identifier (e.g. {@code HIPASSJ1318-21}).
 * With {@code h[i]} the i-th byte of that hash (unsigned):
 * <ul>
 *   <li>{@code h[0] % 8 == 0}: no visibilities at all;</li>
 *   <li>{@code h[0] % 8 in 1..2}: two SBIDs at different epochs (footprint A then B), the latest-epoch query returns
 *       only the later one;</li>
 *   <li>{@code h[0] % 8 == 3}: two SBIDs (A and B) sharing the latest {@code t_max}, so the query returns both;</li>
 *   <li>otherwise one SBID;</li>
 *   <li>{@code h[1] % 5 == 0}: the source is missing from HICAT; {@code h[2] % 4 == 0}: its RV50min is null;</li>
 *   <li>an SBID with {@code sbid % 10 == 7} has no calibration evaluation file.</li>
 * </ul>
 * Each SBID has {@value #BEAMS} beams (one ObsCore row per beam). {@link #addSbid} ("data changed") adds a later
 * epoch with a new SBID to a source.
 */
public final class WallabyArchive {

    public static final int BEAMS = 36;
    static final String PILOT = "ASKAP Pilot Survey for WALLABY";
    static final String WALLABY = "WALLABY";
    private static final Pattern HIPASS_NAME = Pattern.compile("J(\\d{2})(\\d{2})([+-])(\\d{2})[a-z]?");

    private final Map<String, Integer> extraEpochs = new ConcurrentHashMap<>();

    /** "Data changed": the source gets one more, later epoch with a new SBID. Returns that SBID. */
    public int addSbid(String sourceIdentifier) {
        extraEpochs.merge(sourceIdentifier, 1, Integer::sum);
        List<Epoch> epochs = epochs(sourceIdentifier);
        return epochs.get(epochs.size() - 1).sbid();
    }

    public void reset() {
        extraEpochs.clear();
    }

    /** One observation: an SBID, its footprint letter and its end time (MJD). */
    public record Epoch(int sbid, char footprint, double tMax, String collection) {}

    public List<Epoch> epochs(String id) {
        byte[] h = hash(id);
        int kind = u(h[0]) % 8;
        int sbidBase = 10000 + (int) (unsigned(h, 4) % 50000);
        double t = 59000 + unsigned(h, 8) % 1500 + 0.25;
        List<Epoch> out = new ArrayList<>();
        if (kind == 1 || kind == 2) {
            out.add(new Epoch(sbidBase, 'A', t, PILOT));
            out.add(new Epoch(sbidBase + 1 + u(h[12]) % 50, 'B', t + 30 + u(h[13]) % 100, WALLABY));
        } else if (kind == 3) {
            out.add(new Epoch(sbidBase, 'A', t, WALLABY));
            out.add(new Epoch(sbidBase + 1, 'B', t, WALLABY));
        } else if (kind != 0) {
            out.add(new Epoch(sbidBase, 'A', t, WALLABY));
        }
        int extra = extraEpochs.getOrDefault(id, 0);
        double last = out.stream().mapToDouble(Epoch::tMax).max().orElse(t);
        for (int i = 1; i <= extra; i++) {
            out.add(new Epoch(70000 + (int) (unsigned(h, 16) % 9000) * 3 + i, i % 2 == 0 ? 'A' : 'B',
                    last + 60 * i, WALLABY));
        }
        return out;
    }

    public boolean inHicat(String id) {
        return u(hash(id)[1]) % 5 != 0;
    }

    // ---------------------------------------------------------------- ivoa.obscore

    final SimTable obscore = new SimTable() {
        private final List<Column> columns = List.of(
                chars("dataproduct_type"), of("calib_level", SHORT), chars("obs_collection"), chars("obs_id"),
                chars("obs_publisher_did"), chars("access_url"), chars("access_format"), of("access_estsize", LONG),
                chars("target_name"), of("s_ra", DOUBLE), of("s_dec", DOUBLE), of("s_fov", DOUBLE),
                of("t_min", DOUBLE), of("t_max", DOUBLE), of("t_exptime", DOUBLE), of("em_min", DOUBLE),
                of("em_max", DOUBLE), of("em_res_power", DOUBLE), chars("pol_states"), chars("facility_name"),
                chars("instrument_name"), chars("obs_release_date"), of("quality_level", INT), chars("filename"));

        @Override
        public String name() {
            return "ivoa.obscore";
        }

        @Override
        public List<Column> columns() {
            return columns;
        }

        @Override
        public String key(List<Query.Predicate> where) {
            for (Query.Predicate p : where) {
                if (p.column().equals("filename") && p.op() == Query.Predicate.Op.LIKE) {
                    String pattern = p.values().get(0);
                    int end = 0;
                    while (end < pattern.length() && pattern.charAt(end) != '%' && pattern.charAt(end) != '_') {
                        end++;
                    }
                    if (end > 0) {
                        return pattern.substring(0, end);
                    }
                }
                if (p.column().equals("obs_id") && p.op() == Query.Predicate.Op.EQ) {
                    throw new AdqlException("the simulator selects ivoa.obscore by filename LIKE '<source>%' only");
                }
            }
            throw new AdqlException("ivoa.obscore queries must constrain filename LIKE '<source>%'");
        }

        @Override
        public List<Object[]> rows(String id) {
            byte[] h = hash(id);
            double[] radec = position(id, h);
            List<Object[]> rows = new ArrayList<>();
            for (Epoch e : epochs(id)) {
                long scan = 100000 + (e.sbid() * 7L) % 900000;
                for (int beam = 0; beam < BEAMS; beam++) {
                    String did = "scan-" + scan + "-" + beam;
                    rows.add(new Object[] {
                            "visibility", (short) 1, e.collection(), "ASKAP-" + e.sbid(), did,
                            "https://data.csiro.au/casda_vo_proxy/vo/datalink/links?ID=" + did,
                            "application/x-votable+xml;content=datalink", 40_000_000L + (e.sbid() % 997) * 1000L + beam,
                            id, radec[0], radec[1], 5.5, e.tMax() - 0.4, e.tMax(), 34560.0, 0.2098, 0.2284,
                            beam % 6 == 5 ? null : 18518.5, "/XX/XY/YX/YY/", "ASKAP", "ASKAP",
                            String.format(Locale.ROOT, "2023-%02d-%02dT00:00:00.000", 1 + e.sbid() % 12, 1 + e.sbid() % 28),
                            beam % 4 == 3 ? null : 1,
                            String.format(Locale.ROOT, "%s_%c_beam%02d_10arc_split.ms.tar", id, e.footprint(), beam)});
            }
            }
            return rows;
        }
    };

    // ---------------------------------------------------------------- casda.observation_evaluation_file

    final SimTable evaluationFiles = new SimTable() {
        private final List<Column> columns = List.of(
                of("sbid", INT), chars("project_code"), chars("format"), chars("filename"), of("filesize", LONG),
                chars("access_url"), chars("released_date"), of("observation_id", LONG), of("project_id", INT));

        @Override
        public String name() {
            return "casda.observation_evaluation_file";
        }

        @Override
        public List<Column> columns() {
            return columns;
        }

        @Override
        public String key(List<Query.Predicate> where) {
            return equalityKey(where, "sbid", "casda.observation_evaluation_file queries must constrain sbid = '<sbid>'");
        }

        @Override
        public List<Object[]> rows(String key) {
            int sbid;
            try {
                sbid = Integer.parseInt(key.trim());
            } catch (NumberFormatException e) {
                return List.of();
            }
            String date = String.format(Locale.ROOT, "2023%02d%02d", 1 + sbid % 12, 1 + sbid % 28);
            long observation = 4000L + sbid;
            List<Object[]> rows = new ArrayList<>();
            if (sbid % 10 != 7) {
                rows.add(evaluation(sbid, "calibration",
                        "calibration-metadata-processing-logs-SB" + sbid + "_" + date + ".tar", observation, 1));
            }
            rows.add(evaluation(sbid, "validation-report", "SB" + sbid + "-validation-report.pdf", observation, 2));
            rows.add(evaluation(sbid, "validation-metrics", "SB" + sbid + "-validation-metrics.xml", observation, 3));
            return rows;
        }

        private Object[] evaluation(int sbid, String format, String filename, long observation, int n) {
            long id = sbid * 10L + n;
            return new Object[] {sbid, "AS102", format, filename, 1_000_000L + sbid * 13L % 100_000,
                    "https://data.csiro.au/casda_vo_proxy/vo/datalink/links?ID=evaluation-" + id,
                    "2023-06-01T00:00:00.000", observation, n == 2 ? null : 102};
        }
    };

    // ---------------------------------------------------------------- VizieR VIII/73/hicat

    final SimTable hicat = new SimTable() {
        private final List<Column> columns = List.of(chars("HIPASS"), of("RAJ2000", DOUBLE), of("DEJ2000", DOUBLE),
                of("RV50max", INT), of("RV50min", INT), of("RVmom", DOUBLE));

        @Override
        public String name() {
            return "VIII/73/hicat";
        }

        @Override
        public List<Column> columns() {
            return columns;
        }

        @Override
        public String key(List<Query.Predicate> where) {
            return equalityKey(where, "hipass", "\"VIII/73/hicat\" queries must constrain HIPASS = '<name>'");
        }

        @Override
        public List<Object[]> rows(String name) {
            String id = "HIPASS" + name;
            if (!inHicat(id)) {
                return List.of();
            }
            byte[] h = hash(id);
            double[] radec = position(id, h);
            int vsys = 300 + (int) (unsigned(h, 20) % 9000);
            int width = 40 + u(h[24]) % 200;
            Object rvMin = u(h[2]) % 4 == 0 ? null : vsys - width / 2 - 3;
            return List.<Object[]>of(new Object[] {name, radec[0], radec[1], vsys + width / 2, rvMin, vsys + 0.5});
        }
    };

    /** RA/Dec (degrees) from a {@code Jhhmm±dd} name, jittered by the hash; a hashed position otherwise. */
    static double[] position(String id, byte[] h) {
        String name = id.startsWith("HIPASS") ? id.substring(6) : id;
        Matcher m = HIPASS_NAME.matcher(name);
        double jitter = (u(h[28]) % 60) / 3600.0;
        if (m.matches()) {
            double ra = (Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2)) / 60.0) * 15 + jitter;
            double dec = Integer.parseInt(m.group(4)) + jitter;
            return new double[] {ra, m.group(3).equals("-") ? -dec : dec};
        }
        return new double[] {unsigned(h, 24) % 36000 / 100.0, -(unsigned(h, 26) % 9000) / 100.0};
    }

    static byte[] hash(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int u(byte b) {
        return b & 0xff;
    }

    private static long unsigned(byte[] h, int offset) {
        return ((long) u(h[offset]) << 24 | u(h[offset + 1]) << 16 | u(h[offset + 2]) << 8 | u(h[offset + 3])) & 0xffffffffL;
    }

    /** The value of the {@code column = 'value'} predicate that selects a table's rows. */
    static String equalityKey(List<Query.Predicate> where, String column, String missing) {
        for (Query.Predicate p : where) {
            if (p.column().equals(column) && p.op() == Query.Predicate.Op.EQ) {
                return p.values().get(0);
            }
        }
        throw new AdqlException(missing);
    }
}
