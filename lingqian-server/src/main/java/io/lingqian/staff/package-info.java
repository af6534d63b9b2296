/**
 * The operator's staff: who may sign in to the admin console and with which roles (ADMIN, RISK,
 * SUPPORT, FINANCE). {@link io.lingqian.staff.StaffUsers} is the public service; the tables
 * {@code staff_user} and {@code staff_role} are reached only through {@code internal}.
 */
package io.lingqian.staff;
