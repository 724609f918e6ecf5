/** Virus scanning of uploaded files through the operator's ClamAV daemon, when there is one. */
@NullMarked
package dev.mailroom.scan;

import org.jspecify.annotations.NullMarked;
