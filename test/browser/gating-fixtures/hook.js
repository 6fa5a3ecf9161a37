// Served to the gating tests: lets a test act while this script runs, before its load event.
window.gatingLog.push('hook');
window.gatingHook?.();
