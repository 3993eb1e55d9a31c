package dev.beampipe.systemtests.discovery;

import dev.beampipe.simulators.tap.WallabyArchive;

import java.util.List;

/**
 * What discovery must find for one source, read from the simulator's own archive model (independent of the
 * worker): the SBIDs of the latest epoch (the config's {@code MAX(t_max)} join), whether HICAT knows the
 * source, and whether one of those SBIDs lacks its calibration evaluation file ({@code sbid % 10 == 7}).
 */
public record ArchiveTruth(String source, Kind kind, List<String> sbids, boolean inHicat, String uncalibratedSbid) {

    public enum Kind { DATA, NO_DATA, NO_CALIBRATION }

    public static ArchiveTruth of(WallabyArchive archive, String source) {
        List<WallabyArchive.Epoch> epochs = archive.epochs(source);
        boolean inHicat = archive.inHicat(source);
        if (epochs.isEmpty()) {
            return new ArchiveTruth(source, Kind.NO_DATA, List.of(), inHicat, null);
        }
        double latest = epochs.stream().mapToDouble(WallabyArchive.Epoch::tMax).max().orElseThrow();
        List<String> sbids = epochs.stream().filter(e -> e.tMax() == latest).map(e -> Integer.toString(e.sbid())).sorted().toList();
        String uncalibrated = sbids.stream().filter(s -> Integer.parseInt(s) % 10 == 7).findFirst().orElse(null);
        return new ArchiveTruth(source, uncalibrated == null ? Kind.DATA : Kind.NO_CALIBRATION, sbids, inHicat, uncalibrated);
    }

    /** The spec's error for a source whose SBID has no calibration archive (30-project-config §3.3). */
    public String calibrationError() {
        return "SBID " + uncalibratedSbid + " has no valid calibration metadata archive";
    }
}
