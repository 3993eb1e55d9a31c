package dev.beampipe.simulators.slurm;

import dev.beampipe.simulators.http.RequestJournal;
import dev.beampipe.simulators.http.SimHttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The fake login node as its own process:
 * {@code java -cp simulators.jar dev.beampipe.simulators.slurm.FakeLoginNodeMain --port P --host-key F
 * --authorized-keys F --state-dir D [--control-port C]}. {@code --state-dir} is the base directory (tools,
 * state, home); {@code --authorized-keys} is an OpenSSH authorized_keys file; the HTTP control API
 * ({@link FakeLoginNodeControl}) listens on 127.0.0.1:C when given. Prints {@code known_hosts <line>} and the ports.
 */
public final class FakeLoginNodeMain {

    private FakeLoginNodeMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = 0;
        Integer controlPort = null;
        Path hostKey = null;
        Path authorizedKeys = null;
        Path stateDir = null;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--control-port" -> controlPort = Integer.parseInt(args[i + 1]);
                case "--host-key" -> hostKey = Path.of(args[i + 1]);
                case "--authorized-keys" -> authorizedKeys = Path.of(args[i + 1]);
                case "--state-dir" -> stateDir = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (stateDir == null) {
            throw new IllegalArgumentException("--state-dir is required");
        }
        FakeLoginNode.Options options = FakeLoginNode.Options.in(stateDir).withPort(port);
        if (hostKey != null) {
            options = options.withHostKey(hostKey);
        }
        FakeLoginNode node = FakeLoginNode.start(options);
        if (authorizedKeys != null) {
            for (String line : Files.readAllLines(authorizedKeys, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.strip().startsWith("#")) {
                    node.authorize(line);
                }
            }
        }
        System.out.println("fake login node ssh 127.0.0.1:" + node.port());
        System.out.println("known_hosts " + node.knownHostsLine());
        if (controlPort != null) {
            FakeLoginNodeControl control = new FakeLoginNodeControl(node);
            SimHttpServer http = SimHttpServer.start("fake-login-control", controlPort, Clock.systemUTC(),
                    new RequestJournal(), control::handle);
            System.out.println("control " + http.baseUri() + "/_control/");
        }
        System.out.flush();
        Thread.currentThread().join();
    }
}
