namespace PublicPortal.Tests.Support;

/// <summary>A clock the test can move, so scheduled publishing is tested without waiting.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now = _now.Add(by);
}
