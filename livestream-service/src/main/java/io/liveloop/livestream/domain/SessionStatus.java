package io.liveloop.livestream.domain;

/** SCHEDULED → LIVE → ENDED; nothing else. */
public enum SessionStatus { SCHEDULED, LIVE, ENDED }
