package companion.bench.workload;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The workload catalog, read from {@code companion/bench/workloads.json}. */
public final class Workloads {
    private static final String RESOURCE = "/companion/bench/workloads.json";
    private static final List<Workload> ALL = load();

    private Workloads() {
    }

    private record Document(List<Workload> workloads) {
    }

    private static List<Workload> load() {
        try (InputStream in = Workloads.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
            List<Workload> all = List.copyOf(json.readValue(in, Document.class).workloads());
            for (Workload workload : all) {
                if (workload.alternatesWith() != null
                        && all.stream().noneMatch(other -> other.name().equals(workload.alternatesWith()))) {
                    throw new IllegalStateException(RESOURCE + ": " + workload.name() + " alternates with '"
                            + workload.alternatesWith() + "', which is not a workload");
                }
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Every workload, in catalog order. */
    public static List<Workload> all() {
        return ALL;
    }

    /** The default set of milestone {@code number}. */
    public static List<Workload> ofMilestone(int number) {
        return ALL.stream().filter(w -> w.milestone() == number).toList();
    }

    /**
     * The workload called {@code name}.
     *
     * @throws IllegalArgumentException listing the names there are
     */
    public static Workload named(String name) {
        return ALL.stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no workload '" + name + "'; there are: "
                        + String.join(", ", ALL.stream().map(Workload::name).toList())));
    }
}
