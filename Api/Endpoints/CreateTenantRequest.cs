namespace SampleMind.Api.Endpoints;

/// <summary>Body of <c>POST /v1/tenants</c>: only the id is required (the defaults tell the OpenAPI document so).</summary>
/// <param name="Id">Tenant id: 1-64 of a-z, 0-9, '-' and '_'.</param>
/// <param name="Plan">free (default), pro or studio.</param>
public sealed record CreateTenantRequest(string Id, string? Name = null, string? Plan = null)
{
    /// <summary>The longest tenant name.</summary>
    public const int MaxNameLength = 200;

    internal Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (!Identifiers.IsValid(Id))
        {
            errors["id"] = ["An id is 1-64 characters of a-z, 0-9, '-' and '_'."];
        }

        if (DisplayNames.Error(Name, MaxNameLength) is { } nameError)
        {
            errors["name"] = [nameError];
        }

        if (Plan is not null && Grains.Abstractions.Tenants.TenantPlan.FromName(Plan) is null)
        {
            errors["plan"] = ["The plan is free, pro or studio."];
        }

        return errors;
    }
}
