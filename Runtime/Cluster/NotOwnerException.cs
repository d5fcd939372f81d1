namespace SampleMind.Runtime.Cluster;

/// <summary>This silo does not serve the grain's partition (internal: the router retries elsewhere).</summary>
internal sealed class NotOwnerException(string message) : Exception(message);
