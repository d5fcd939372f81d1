using System.Security.Cryptography;
using System.Text;
using SampleMind.Grains.Abstractions.Tenants;

namespace SampleMind.Grains.Ingest;

/// <summary>
/// How an ingest job counts its files against the tenant's quota: one reservation per listing batch, keyed
/// by the job and the position the batch starts from, so a batch listed again after a crash gets the same grant.
/// </summary>
public static class IngestQuota
{
    /// <summary>
    /// The reservation key of the batch a job lists from <paramref name="position"/> (a manifest's byte offset,
    /// or the last path listed before the batch; empty at the start): the job id and 16 hex digits of its SHA-256.
    /// </summary>
    public static string ReservationKey(string jobId, string position)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(position));
        return $"{jobId}/{Convert.ToHexStringLower(digest.AsSpan(0, 8))}";
    }

    /// <summary>The reason a file the grant did not cover fails with.</summary>
    public static string UsedUpReason(QuotaGrant grant) =>
        $"The plan's quota of {grant.Limit} ingested files in {grant.Period} is used up.";
}
