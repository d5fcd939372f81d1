namespace SampleMind.Api.Dashboard;

/// <summary>A silo joining, leaving or declared dead.</summary>
public sealed record MembershipChangeView(DateTimeOffset Time, string SiloId, string Change);
