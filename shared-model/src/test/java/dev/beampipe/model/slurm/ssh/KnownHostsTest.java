package dev.beampipe.model.slurm.ssh;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.security.PublicKey;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class KnownHostsTest {
    static final String KEY_A = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICrlfjXViKW7IyESXH33lKhuLWyXEWzurN3JIARio6ZI";
    static final String KEY_B = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGmTeA6kmr0iEKRH8jx/y4vOEOJIUz2oB+Hl0XBC8ZCk";

    static PublicKey key(String line) throws Exception {
        return PublicKeyEntry.parsePublicKeyEntry(line).resolvePublicKey(null, null, PublicKeyEntryResolver.FAILING);
    }

    @ParameterizedTest(name = "{0} vs {1}:{2} → {3}")
    @CsvSource(delimiter = '|', value = {
            "setonix.pawsey.org.au              | setonix.pawsey.org.au | 22   | true",
            "setonix.pawsey.org.au              | setonix.pawsey.org.au | 2222 | false",
            "[setonix.pawsey.org.au]:2222       | setonix.pawsey.org.au | 2222 | true",
            "[setonix.pawsey.org.au]:2222       | setonix.pawsey.org.au | 22   | false",
            "[127.0.0.1]:2222                   | 127.0.0.1             | 2222 | true",
            "SETONIX.Pawsey.org.au              | setonix.pawsey.ORG.au | 22   | true",
            "*.pawsey.org.au                    | setonix.pawsey.org.au | 22   | true",
            "*.pawsey.org.au                    | pawsey.org.au         | 22   | false",
            "setonix-0?.pawsey.org.au           | setonix-05.pawsey.org.au | 22 | true",
            "setonix-0?.pawsey.org.au           | setonix-5.pawsey.org.au | 22 | false",
            "[*.pawsey.org.au]:2222             | a.pawsey.org.au       | 2222 | true",
            "'other,setonix'                    | setonix               | 22   | true",
            "'*.pawsey.org.au,!evil.pawsey.org.au' | evil.pawsey.org.au | 22   | false",
            "'*.pawsey.org.au,!evil.pawsey.org.au' | good.pawsey.org.au | 22   | true",
            "'!evil,*'                          | evil                  | 22   | false",
            "'!evil'                            | good                  | 22   | false",
            "[broken:2222                       | broken                | 2222 | false",
            "[host]:notaport                    | host                  | 22   | false",
    })
    void hostPatterns(String patterns, String host, int port, boolean matches) {
        assertThat(KnownHosts.hostMatches(List.of(patterns.split(",")), host, port)).isEqualTo(matches);
    }

    @ParameterizedTest(name = "glob {0} ~ {1} → {2}")
    @CsvSource({"*,anything,true", "a*b*c,aXXbYYc,true", "a*b*c,aXXbYY,false", "?,ab,false", "??,ab,true", "'',a,false", "*,'',true"})
    void globs(String pattern, String text, boolean matches) {
        assertThat(KnownHosts.glob(pattern, text)).isEqualTo(matches);
    }

    @Test
    void acceptsOnlyTheRecordedKeyForAMatchingHost() throws Exception {
        KnownHosts hosts = KnownHosts.parse("""
                # comment

                [127.0.0.1]:2222 %s comment words
                other.example %s
                """.formatted(KEY_A, KEY_B));
        assertThat(hosts.size()).isEqualTo(2);
        assertThat(hosts.verdict("127.0.0.1", 2222, key(KEY_A))).isEqualTo(KnownHosts.Verdict.MATCH);
        assertThat(hosts.accepts("127.0.0.1", 2222, key(KEY_A))).isTrue();
        assertThat(hosts.verdict("127.0.0.1", 2222, key(KEY_B))).isEqualTo(KnownHosts.Verdict.MISMATCH);
        assertThat(hosts.verdict("127.0.0.1", 22, key(KEY_A))).isEqualTo(KnownHosts.Verdict.UNKNOWN);
        assertThat(hosts.verdict("other.example", 22, key(KEY_B))).isEqualTo(KnownHosts.Verdict.MATCH);
    }

    @Test
    void aSecondEntryForTheSameHostCanCarryTheKey() throws Exception {
        KnownHosts hosts = KnownHosts.parse("h " + KEY_A + "\nh " + KEY_B + "\n");
        assertThat(hosts.accepts("h", 22, key(KEY_B))).isTrue();
    }

    @Test
    void keyTypesAreThoseRecordedForTheHostAndPortInFileOrder() throws Exception {
        String rsa = org.apache.sshd.common.config.keys.PublicKeyEntry.toString(
                java.security.KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic());
        KnownHosts hosts = KnownHosts.parse("[h]:2222 " + rsa + "\nh " + KEY_A + "\n[h]:2222 " + KEY_A + "\n[h]:2222 " + KEY_B
                + "\n'*,!h' " + rsa + "\n");
        assertThat(hosts.keyTypes("h", 2222)).containsExactly("ssh-rsa", "ssh-ed25519");
        assertThat(hosts.keyTypes("h", 22)).containsExactly("ssh-ed25519");
        assertThat(hosts.keyTypes("other", 2222)).isEmpty();
    }

    @Test
    void linesWithoutAKeyOrWithAnUnparseableKeyAreSkipped() throws Exception {
        KnownHosts hosts = KnownHosts.parse("justahost\nh ssh-ed25519\nh ssh-ed25519 !!notbase64!!\nh ssh-foo AAAA\r\nh " + KEY_A + "\r\n");
        assertThat(hosts.size()).isEqualTo(1);
        assertThat(KnownHosts.parse("\n# only comments\n").isEmpty()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "|1|abc=|def= ssh-ed25519 AAAA ; hashed known_hosts entries are not supported; line 2",
            "@revoked * ssh-ed25519 AAAA   ; known_hosts marker @revoked is not supported; line 2",
            "@cert-authority *.example ssh-ed25519 AAAA ; known_hosts marker @cert-authority is not supported; line 2",
    })
    void hashedEntriesAndMarkersAreRefused(String line, String message, String lineRef) {
        message = message + "; " + lineRef;
        SshFailure failure = catchThrowableOfType(() -> KnownHosts.parse("h " + KEY_A + "\n" + line + "\n"), SshFailure.class);
        assertThat(failure.getMessage()).startsWith(message);
    }
}
