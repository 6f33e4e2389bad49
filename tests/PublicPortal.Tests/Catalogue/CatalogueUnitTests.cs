using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Catalogue;
using PublicPortal.Web.Features.Enquiries;

namespace PublicPortal.Tests.Catalogue;

public sealed class CatalogueUnitTests
{
    [Theory]
    [InlineData(0, 0, 1, 0, 111.195)]          // one degree of a meridian: 2πR/360 with R = 6371.0088 km
    [InlineData(0, 0, 0, 1, 111.195)]          // one degree along the equator
    [InlineData(0, 0, 0, 180, 20015.114)]      // half the equator: πR
    [InlineData(10.9396, 108.1653, 10.9396, 108.1653, 0)]
    public void Great_circle_distance_matches_known_values(double lat1, double lon1, double lat2, double lon2, double km) =>
        Assert.Equal(km, Geo.DistanceKm(new GeoPoint { Latitude = lat1, Longitude = lon1 }, new GeoPoint { Latitude = lat2, Longitude = lon2 }), 2);

    [Fact]
    public void Distance_is_symmetric_and_follows_the_latitude_cosine()
    {
        var a = new GeoPoint { Latitude = 60, Longitude = 0 };
        var b = new GeoPoint { Latitude = 60, Longitude = 1 };
        // Near a parallel at 60°, a degree of longitude is half of one at the equator.
        Assert.Equal(111.195 * 0.5, Geo.DistanceKm(a, b), 0);
        Assert.Equal(Geo.DistanceKm(a, b), Geo.DistanceKm(b, a), 10);
    }

    [Theory]
    [InlineData("2022-01-19", null, "2025-01-19", CertificateState.Valid)]
    [InlineData("2022-01-19", null, "2025-01-20", CertificateState.Expired)]
    [InlineData("2022-01-19", "2026-01-01", "2025-06-01", CertificateState.Valid)]
    [InlineData(null, null, "2030-01-01", CertificateState.Unknown)]
    public void Certificates_last_36_months_and_expire_the_day_after(string? decision, string? expiry, string today, CertificateState expected)
    {
        var product = new ProductDetails
        {
            Producer = "x", Locality = "y",
            DecisionDate = decision is null ? null : DateOnly.Parse(decision, System.Globalization.CultureInfo.InvariantCulture),
            CertificateExpiry = expiry is null ? null : DateOnly.Parse(expiry, System.Globalization.CultureInfo.InvariantCulture),
        };
        Assert.Equal(expected, Ocop.StateOf(product, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(expected != CertificateState.Expired, Ocop.IsRated(product, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("ten@example.com", true)]
    [InlineData("0912 345 678", true)]
    [InlineData("+84 252 3822 222", true)]
    [InlineData("ten@", false)]
    [InlineData("abc", false)]
    [InlineData("1234", false)]
    [InlineData("ten @example.com", false)]
    public void Contact_is_an_email_or_a_phone(string value, bool ok) =>
        Assert.Equal(ok, EnquiryForm.IsEmail(value) || EnquiryForm.IsPhone(value));

    [Theory]
    [InlineData(0, "0 phút")]
    [InlineData(45, "45 phút")]
    [InlineData(60, "1 giờ")]
    [InlineData(372, "6 giờ 12 phút")]
    public void Durations_read_in_Vietnamese(int minutes, string text) => Assert.Equal(text, RoutePlan.Duration(minutes));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 5)]
    [InlineData(2, 5)]
    [InlineData(7, 5)]
    [InlineData(8, 10)]
    [InlineData(102, 100)]
    [InlineData(103, 105)]
    public void Travel_estimates_are_rounded_to_five_minutes(int minutes, int rounded) => Assert.Equal(rounded, RoutePlan.RoundToFive(minutes));

    [Theory]
    [InlineData(0.84, "0,8 km")]
    [InlineData(9.94, "9,9 km")]
    [InlineData(9.96, "10 km")]
    [InlineData(52.2, "52 km")]
    [InlineData(70.5, "71 km")]
    public void Distances_are_rounded_to_a_tenth_under_ten_km_and_to_a_km_above(double km, string text) => Assert.Equal(text, RoutePlan.Km(km));

    [Fact]
    public void A_flood_of_distinct_filters_is_worked_out_each_time_instead_of_held()
    {
        var snapshot = new CatalogueSnapshot([], new DateOnly(2026, 12, 7));
        var made = new Dictionary<int, int>();
        object Make(int key) { made[key] = made.GetValueOrDefault(key) + 1; return new object(); }

        // Readers asking for the same few filters get the one worked out first.
        var first = snapshot.View<object>(("filter", 0), () => Make(0));
        Assert.Same(first, snapshot.View<object>(("filter", 0), () => Make(0)));
        // Someone walking through every combination fills the room kept for views, then is served without keeping more.
        for (var key = 1; key <= CatalogueSnapshot.MaxKeptViews + 50; key++)
            for (var twice = 0; twice < 2; twice++) snapshot.View<object>(("filter", key), () => Make(key));

        Assert.Equal(1, made[0]);
        Assert.Equal(1, made[CatalogueSnapshot.MaxKeptViews - 1]);
        Assert.Equal(2, made[CatalogueSnapshot.MaxKeptViews + 50]);
        Assert.Equal(CatalogueSnapshot.MaxKeptViews, made.Count(m => m.Value == 1));
    }
}
