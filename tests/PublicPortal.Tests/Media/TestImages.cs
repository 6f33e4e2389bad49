using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace PublicPortal.Tests.Media;

/// <summary>Photos made in memory for the media tests: a plain colour, optionally carrying a GPS position as a phone camera writes it.</summary>
internal static class TestImages
{
    public static byte[] Jpeg(int width, int height, bool gps = false)
    {
        using var image = new Image<Rgb24>(width, height, new Rgb24(160, 90, 40));
        if (gps)
        {
            var exif = new ExifProfile();
            exif.SetValue(ExifTag.GPSLatitude, [new Rational(10), new Rational(55), new Rational(30)]);
            image.Metadata.ExifProfile = exif;
        }
        using var output = new MemoryStream();
        image.SaveAsJpeg(output);
        return output.ToArray();
    }
}
