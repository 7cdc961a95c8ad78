/**
 * Published in the transaction of every change to a shared item (auditItem): matching against the
 * products organisations run starts at once instead of at the next minute's sweep. The payload is
 * empty on purpose: the matcher looks for what is new itself, and an anonymous item's id has no
 * business travelling through the outbox.
 */
export const ITEM_CHANGED_EVENT = "intel.item.changed";
