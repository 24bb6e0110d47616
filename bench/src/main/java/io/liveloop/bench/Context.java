package io.liveloop.bench;

import java.nio.file.Path;
import java.util.List;

/** What a bench works with: the suite it measures, the API through the gateway, the database server, its options. */
record Context(Path root, Path work, Options options, Suite suite, Api api, Pg pg, String dbPrefix, boolean profile) {

    /** Starts sampling (processes, database activity) and, with --profile, JFR on {@code profiled} services. */
    LoadPhase begin(String label, List<String> profiled) {
        return LoadPhase.begin(this, label, profiled);
    }
}
