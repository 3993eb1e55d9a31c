package dev.beampipe.simulators.daliuge;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * The DALiuGE Translator Manager and Data Island Manager simulators together, each on its own port on 127.0.0.1
 * (two ports, because the TM's {@code /map} reaches the DIM at {@code http://host:port/api/nodes}, as the real
 * one does — 40-backends §10.2). In-process: {@code try (DaliugeSimulator sim = DaliugeSimulator.start(0)) …};
 * standalone:
 * {@code java -cp simulators/target/classes dev.beampipe.simulators.daliuge.DaliugeSimulator --port 8084}
 * (TM on 8084, DIM on 8085), or {@code --tm-port 8084 --dim-port 8001 [--nodes nm1:8000:5555:6666,…]
 * [--step-ms 200] [--lgdir DIR]}.
 */
public final class DaliugeSimulator implements AutoCloseable {

    private final IslandManagerSimulator dim;
    private final TranslatorSimulator tm;

    private DaliugeSimulator(TranslatorSimulator tm, IslandManagerSimulator dim) {
        this.tm = tm;
        this.dim = dim;
    }

    /** TM on {@code port} (0 = any free port), DIM on {@code port + 1} (any free port when 0). */
    public static DaliugeSimulator start(int port) {
        return start(port, port == 0 ? 0 : port + 1, Clock.systemUTC(), IslandManagerSimulator.DEFAULT_NODES, 200, null);
    }

    public static DaliugeSimulator start(int tmPort, int dimPort, Clock clock, List<String> nodes, long stepMillis,
                                         Path lgDir) {
        IslandManagerSimulator dim = IslandManagerSimulator.start(dimPort, clock, nodes, stepMillis);
        try {
            return new DaliugeSimulator(TranslatorSimulator.start(tmPort, clock, lgDir), dim);
        } catch (RuntimeException e) {
            dim.close();
            throw e;
        }
    }

    public TranslatorSimulator tm() {
        return tm;
    }

    public IslandManagerSimulator dim() {
        return dim;
    }

    public URI tmBase() {
        return tm.baseUri();
    }

    public URI dimBase() {
        return dim.baseUri();
    }

    public void reset() {
        tm.reset();
        dim.reset();
    }

    @Override
    public void close() {
        tm.close();
        dim.close();
    }

    public static void main(String[] args) throws InterruptedException {
        int tmPort = 8084;
        Integer dimPort = null;
        List<String> nodes = IslandManagerSimulator.DEFAULT_NODES;
        long step = 200;
        Path lgDir = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port", "--tm-port" -> tmPort = Integer.parseInt(args[i + 1]);
                case "--dim-port" -> dimPort = Integer.parseInt(args[i + 1]);
                case "--nodes" -> nodes = Arrays.stream(args[i + 1].split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
                case "--step-ms" -> step = Long.parseLong(args[i + 1]);
                case "--lgdir" -> lgDir = Path.of(args[i + 1]).toAbsolutePath().normalize();
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        DaliugeSimulator sim = start(tmPort, dimPort != null ? dimPort : tmPort + 1, Clock.systemUTC(), nodes, step, lgDir);
        System.out.println("DALiuGE TM  " + sim.tmBase());
        System.out.println("DALiuGE DIM " + sim.dimBase() + "  nodes " + nodes);
        Thread.currentThread().join();
    }
}
