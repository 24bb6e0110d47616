package io.liveloop.e2e;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the one {@link RunningSuite} of this JVM: started before the first test class that uses
 * it, stopped ({@code ./liveloop down --purge}) after the last test of the run. A suite that failed to
 * start fails every test that needs it with the CLI's output, without trying again.
 *
 * <pre>
 * &#64;ExtendWith(LiveLoopSuiteExtension.class)
 * class SomeTest {
 *     &#64;Test void works(RunningSuite suite) { given().get(suite.url("gateway") + "/q/health").then()... }
 * }
 * </pre>
 */
public class LiveLoopSuiteExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LiveLoopSuiteExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        suite(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == RunningSuite.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return suite(extensionContext);
    }

    /** The suite of this test run, started on first use. */
    public static RunningSuite suite(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Started.class, key -> Started.attempt(), Started.class)
                .suiteOrFail();
    }

    /** Either the running suite or why it could not start; closed by JUnit at the end of the run. */
    static final class Started implements AutoCloseable {
        private final RunningSuite suite;
        private final Throwable failure;

        private Started(RunningSuite suite, Throwable failure) {
            this.suite = suite;
            this.failure = failure;
        }

        static Started attempt() {
            try {
                return new Started(RunningSuite.start(), null);
            } catch (RuntimeException | AssertionError e) {
                return new Started(null, e);
            }
        }

        RunningSuite suiteOrFail() {
            if (failure != null) {
                throw new AssertionError("the LiveLoop suite did not start: " + failure.getMessage(), failure);
            }
            return suite;
        }

        @Override
        public void close() {
            if (suite != null) {
                suite.close();
            }
        }
    }
}
