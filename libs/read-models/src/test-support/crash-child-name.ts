/** pg application_name of the crash spec's child runner, to find its open transactions. */
export const CRASH_CHILD_APPLICATION = 'orch-crash-child';
