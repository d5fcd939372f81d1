namespace SampleMind.Grains.Abstractions.Sessions;

/// <summary>A live session as <see cref="ILiveSessionsGrain.GetAll"/> lists it.</summary>
/// <param name="Report">The session's latest report.</param>
/// <param name="OpsPerSecond">Ops committed per second between its last two reports; 0 when no op came lately.</param>
public sealed record LiveSessionView(LiveSessionReport Report, double OpsPerSecond);
