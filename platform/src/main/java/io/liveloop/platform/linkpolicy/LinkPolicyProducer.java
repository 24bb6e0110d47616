package io.liveloop.platform.linkpolicy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes one {@link LinkPolicy} per application from {@link LinkPolicyConfig}. */
@ApplicationScoped
public class LinkPolicyProducer {

    /** {@code @Singleton}, not {@code @ApplicationScoped}: LinkPolicy is final, so it cannot be proxied. */
    @Produces
    @Singleton
    LinkPolicy linkPolicy(LinkPolicyConfig config) {
        return new LinkPolicy(config.allowedHosts());
    }
}
