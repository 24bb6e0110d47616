package io.liveloop.catalog.domain;

public enum QualityStatus { PENDING, PASSED, FAILED }
