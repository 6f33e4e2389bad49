namespace PublicPortal.Web.Data;

/// <summary>
/// Who does a piece of work that one node of several should do (the scheduled-publishing watch, clean-ups), and until
/// when: a node that stops renewing it loses it at <see cref="ExpiresAtUtc"/> and another takes it.
/// </summary>
public sealed class Lease
{
    public required string Name { get; set; }
    public required string Holder { get; set; }
    public DateTime ExpiresAtUtc { get; set; }
}
