package dev.aftercall.server.retention;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;

/** The core modules' rows of a call: its flow runs (the traces) and its jobs. */
@ApplicationScoped
public class CoreCallDependents implements CallDependents {
    private final EntityManager em;

    public CoreCallDependents(EntityManager em) {
        this.em = em;
    }

    @Override
    public void deleteForCalls(List<Long> callPks) {
        em.createNativeQuery("delete from flow_run where call_pk in (:pks)").setParameter("pks", callPks).executeUpdate();
        em.createNativeQuery("delete from job where call_pk in (:pks)").setParameter("pks", callPks).executeUpdate();
    }

    /** Last: other modules' rows may reference jobs or runs. */
    @Override
    public int order() {
        return 1000;
    }
}
