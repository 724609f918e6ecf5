/** Platform operators: the people who run the deployment and see every tenant. */
@NullMarked
package dev.mailroom.operator;

import org.jspecify.annotations.NullMarked;
