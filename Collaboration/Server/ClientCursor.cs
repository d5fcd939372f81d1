namespace SampleMind.Collaboration.Server;

/// <summary>The last op the server committed from one client: used to recognise resent ops.</summary>
/// <param name="LastSeq">Its sequence number.</param>
/// <param name="LastRevision">The revision it got.</param>
public readonly record struct ClientCursor(long LastSeq, long LastRevision);
