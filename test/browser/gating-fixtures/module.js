// Served to the gating tests: proves this script ran, and when.
window.gatingLog.push('module');
