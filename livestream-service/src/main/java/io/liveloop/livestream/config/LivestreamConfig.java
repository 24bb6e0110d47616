package io.liveloop.livestream.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "livestream")
public interface LivestreamConfig {

    /** Room cover images must be served from the platform's own media host (or its subdomains). */
    @WithDefault("media.liveloop.example")
    String mediaHost();

    /** How many products one session's bag holds at most. */
    @WithDefault("100")
    int maxPins();

    Feed feed();

    interface Feed {
        /** Recent events kept per session for Last-Event-ID resume; an older gap gets a fresh snapshot. */
        @WithDefault("256")
        int bufferSize();

        /**
         * Events that may wait for a viewer whose snapshot is still being read before its connection is closed (it
         * resumes on reconnect). Once streaming, a viewer whose connection holds more unsent data than its send
         * buffer's high-water mark (Netty's default, 64 KiB) is closed the same way.
         */
        @WithDefault("512")
        int subscriberQueue();

        /** Comment lines that keep idle connections alive through proxies. */
        @WithDefault("15s")
        Duration heartbeat();

        /** How often a changed viewer count is announced (a `viewers` event), at most. */
        @WithDefault("5s")
        Duration viewersEvery();
    }
}
