package dev.beampipe.scheduler.gauges;

import dev.beampipe.model.db.Database;
import dev.beampipe.model.tap.TapHealth;
import dev.beampipe.scheduler.ticks.Tick;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * {@code beampipe_dependency_up{dependency=postgres|casda|vizier}} on the leader (50-operations §3.2): PostgreSQL by
 * {@code SELECT 1}, the archives from the shared cached TAP probe (1 when reachable or unconfigured). There is no
 * {@code redis} series: beampipe has no Redis (decision 16).
 */
public final class DependencyGaugesTick implements Tick {
    static final String NAME = "beampipe_dependency_up";
    private static final String DESCRIPTION = "1 up / 0 down; an unconfigured TAP archive reports 1";
    private static final Logger LOG = Logger.getLogger(DependencyGaugesTick.class);

    private final Database db;
    private final TapHealth tap;
    private final GaugeBoard board;

    public DependencyGaugesTick(Database db, TapHealth tap, MeterRegistry registry) {
        this.db = db;
        this.tap = tap;
        this.board = new GaugeBoard(registry);
    }

    @Override
    public String name() {
        return "dependency_gauges";
    }

    @Override
    public Duration interval() {
        return Duration.ofSeconds(15);
    }

    @Override
    public void run() {
        tap.status().dependencyUp(postgresUp()).forEach((dependency, up) ->
                board.set(NAME, DESCRIPTION, Tags.of("dependency", dependency), up));
    }

    private boolean postgresUp() {
        try {
            db.sql().count("SELECT 1");
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("event=dependency_probe_failed dependency=postgres error=%s", e.getClass().getSimpleName());
            return false;
        }
    }
}
