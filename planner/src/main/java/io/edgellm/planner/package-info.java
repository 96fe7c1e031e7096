/** The controller's algorithms: pure, deterministic functions over value objects. */
package io.edgellm.planner;
