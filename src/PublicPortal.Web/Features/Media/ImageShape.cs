using SixLabors.ImageSharp.Formats;

namespace PublicPortal.Web.Features.Media;

/// <summary>
/// What a file says it is, read from its structure without decoding a pixel. <see cref="Content"/> is what may be decoded:
/// the file itself, or for a PNG the file rebuilt from its critical chunks.
/// </summary>
/// <param name="FramePixels">Pixels of one decoded frame: the canvas, or a larger frame than the canvas if one claims it.</param>
/// <param name="DecodeBytes">Memory the decoded image (all frames) and the decoder's own buffers take, estimated from the headers.</param>
public sealed record ImageShape(IImageFormat Format, int Width, int Height, int Frames, long FramePixels, byte[] Content, long DecodeBytes)
{
    /// <summary>Pixels held in memory once every frame is decoded (each frame of an animation is a whole canvas).</summary>
    public long TotalPixels => FramePixels * Frames;
}
