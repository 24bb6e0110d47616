package io.liveloop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The machine a bench ran on, as its report states it: CPU, cores, memory, kernel, OS, JDK, PostgreSQL. */
record Machine(String cpu, int cores, long memoryMiB, String kernel, String os, String java, String postgresql) {

    static Machine describe(String postgresqlVersion) {
        String cpu = lines("/proc/cpuinfo").stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
        long memKb = lines("/proc/meminfo").stream().filter(l -> l.startsWith("MemTotal:")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
        String os = lines("/etc/os-release").stream().filter(l -> l.startsWith("PRETTY_NAME=")).findFirst()
                .map(l -> l.substring(12).replace("\"", "")).orElse(System.getProperty("os.name"));
        String kernel = lines("/proc/sys/kernel/osrelease").stream().findFirst().orElse(System.getProperty("os.version"));
        return new Machine(cpu, Runtime.getRuntime().availableProcessors(), memKb / 1024, kernel, os,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"), postgresqlVersion);
    }

    String oneLine() {
        return cores + " cores (" + cpu + "), " + (memoryMiB / 1024) + " GiB RAM, " + os + ", Linux " + kernel + ", "
                + java + ", PostgreSQL " + postgresql;
    }

    Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", cpu);
        m.put("cores", cores);
        m.put("memoryMiB", memoryMiB);
        m.put("kernel", kernel);
        m.put("os", os);
        m.put("java", java);
        m.put("postgresql", postgresql);
        return m;
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            return List.of();
        }
    }
}
