package dev.aftercall.server.flow;

import dev.aftercall.engine.http.HttpPort;
import dev.aftercall.engine.run.Delayer;
import dev.aftercall.engine.run.FlowRunner;
import dev.aftercall.engine.run.NodeExecutors;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The engine's walker wired to the server's HTTP client and timers; the engine itself knows no CDI. */
@Singleton
public class EngineBeans {

    @Produces
    @Singleton
    NodeExecutors nodeExecutors(HttpPort http, Delayer delayer) {
        return NodeExecutors.standard(http, delayer);
    }

    @Produces
    @Singleton
    FlowRunner flowRunner(NodeExecutors executors) {
        return new FlowRunner(executors);
    }
}
