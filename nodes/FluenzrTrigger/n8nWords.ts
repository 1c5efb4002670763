/**
 * n8n 2.x publishes a workflow, n8n 1.x (which many installations still run)
 * activates it: advice about it names both. (Likewise the webhook base URL:
 * N8N_WEBHOOK_URL in 2.x, whose deprecation service calls WEBHOOK_URL
 * deprecated, WEBHOOK_URL in 1.x; the node's notice names both.)
 */
export const PUBLISH_AGAIN = 'publish the workflow again (n8n 1.x: activate it)';
