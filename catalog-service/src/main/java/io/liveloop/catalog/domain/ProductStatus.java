package io.liveloop.catalog.domain;

public enum ProductStatus { DRAFT, ON_SALE, OFF_SHELF }
