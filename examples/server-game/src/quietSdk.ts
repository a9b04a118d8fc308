// The AWS SDK warns about Node 20 on load; the demo's output stays readable without it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
