package news.timeline.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The version of an event type's schema that producers write today; a type without it is at version 1. Raised when
 * a type changes shape: readers then know to read older versions tolerantly, and the command side upcasts them.
 * See {@link EventEnvelope#schemaVersionOf}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface SchemaVersion {

    int value();
}
