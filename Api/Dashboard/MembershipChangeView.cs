namespace SampleMind.Api.Dashboard;

/// <summary>A membership change: "joined", "new-incarnation", "left" or "declared-dead", with its detail (who declared a death).</summary>
public sealed record MembershipChangeView(DateTimeOffset Time, string SiloId, string Change, string? Detail);
