package dev.aftercall.server.delivery;

import dev.aftercall.server.retention.CallDependents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * A call's deliveries, their attempt logs and its scheduled follow-up calls, for retention. Runs before the core
 * modules' rows (scheduled calls reference deliveries, attempts reference deliveries).
 */
@ApplicationScoped
public class DeliveryCallDependents implements CallDependents {
    private final EntityManager em;

    public DeliveryCallDependents(EntityManager em) {
        this.em = em;
    }

    @Override
    public void deleteForCalls(List<Long> callPks) {
        em.createNativeQuery("""
                        delete from scheduled_call where call_pk in (:pks)
                           or delivery_pk in (select pk from delivery where call_pk in (:pks))""")
                .setParameter("pks", callPks).executeUpdate();
        em.createNativeQuery("delete from delivery_attempt where delivery_pk in "
                + "(select pk from delivery where call_pk in (:pks))").setParameter("pks", callPks).executeUpdate();
        em.createNativeQuery("delete from delivery where call_pk in (:pks)").setParameter("pks", callPks)
                .executeUpdate();
    }

    @Override
    public int order() {
        return 500;
    }
}
