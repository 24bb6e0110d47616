package io.liveloop.platform.linkpolicy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** Which hosts user-visible text may link to; everything else is an outbound link. */
@ConfigMapping(prefix = "liveloop.link-policy")
public interface LinkPolicyConfig {

    /** The platform's own hosts. Each also allows its subdomains. */
    @WithDefault("liveloop.example,media.liveloop.example")
    List<String> allowedHosts();
}
