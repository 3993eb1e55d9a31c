package dev.beampipe.simulators.tap;

import java.util.Locale;
import java.util.function.Predicate;

/** Finds HIPASS identifiers of each synthetic kind (the hash rule of {@link WallabyArchive}) for tests. */
final class Sources {

    static final String VISIBILITY = "SELECT o.* FROM ivoa.obscore o\nINNER JOIN (\n"
            + "  SELECT MAX(t_max) AS mx FROM ivoa.obscore\n  WHERE filename LIKE '{source_identifier}%'\n"
            + "  AND obs_collection IN ('ASKAP Pilot Survey for WALLABY', 'WALLABY')\n) AS latest ON o.t_max = latest.mx\n"
            + "WHERE o.filename LIKE '{source_identifier}%'\n"
            + "AND o.obs_collection IN ('ASKAP Pilot Survey for WALLABY', 'WALLABY')\n";
    static final String RA_DEC_VSYS = "SELECT HIPASS, RAJ2000, DEJ2000, RV50max, RV50min, RVmom\n"
            + "FROM \"VIII/73/hicat\" WHERE HIPASS = '{source_name}'\n";
    static final String EVAL_FILE = "SELECT * FROM casda.observation_evaluation_file\nWHERE sbid = '{sbid}'\n"
            + "AND format = 'calibration'\nAND filename LIKE 'calibration-metadata-processing-logs-SB{sbid}_%.tar'\n";

    private Sources() {}

    /** The template rendered as the project config renders it: {@code {key}} replaced, {@code '} doubled. */
    static String render(String template, String key, String value) {
        return template.replace("{" + key + "}", value.replace("'", "''"));
    }

    static String visibility(String id) {
        return render(VISIBILITY, "source_identifier", id);
    }

    static String hicat(String id) {
        return render(RA_DEC_VSYS, "source_name", id.substring("HIPASS".length()));
    }

    static String evalFile(int sbid) {
        return render(EVAL_FILE, "sbid", String.valueOf(sbid));
    }

    static String first(Predicate<String> wanted) {
        WallabyArchive archive = new WallabyArchive();
        for (int ra = 0; ra < 2400; ra += 7) {
            for (int dec = 0; dec < 90; dec += 13) {
                String id = String.format(Locale.ROOT, "HIPASSJ%04d-%02d", ra, dec);
                if (wanted.test(id)) {
                    return id;
                }
            }
        }
        throw new IllegalStateException("no such source");
    }

    static int kind(String id) {
        return WallabyArchive.hash(id)[0] & 0xff & 7;
    }

    static String none() {
        return first(id -> kind(id) == 0);
    }

    static String twoEpochs() {
        return first(id -> kind(id) == 1 || kind(id) == 2);
    }

    static String twoSbidsSameEpoch() {
        return first(id -> kind(id) == 3);
    }

    static String oneSbid() {
        return first(id -> kind(id) >= 4 && new WallabyArchive().inHicat(id));
    }

    static String notInHicat() {
        return first(id -> !new WallabyArchive().inHicat(id));
    }
}
