//go:build ignore

// gen draws SafeHarbor's PNG icons: the app icon, one tray icon per level
// and one badge per level (colour plus a distinct glyph, so colour is never
// the only cue). Run with: go run ./ui/assets/gen.go (from the repo root).
package main

import (
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
	"path/filepath"
)

type shape func(x, y float64) bool // coordinates in [0,1]

func seg(ax, ay, bx, by, w float64) shape {
	return func(x, y float64) bool {
		dx, dy := bx-ax, by-ay
		t := ((x-ax)*dx + (y-ay)*dy) / (dx*dx + dy*dy)
		t = math.Max(0, math.Min(1, t))
		px, py := ax+t*dx-x, ay+t*dy-y
		return px*px+py*py <= w*w
	}
}

func disc(cx, cy, r float64) shape {
	return func(x, y float64) bool { return (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r }
}

func ring(cx, cy, r, w float64) shape {
	return func(x, y float64) bool {
		d := math.Hypot(x-cx, y-cy)
		return math.Abs(d-r) <= w
	}
}

// arc is a ring between angles a0..a1 (radians, 0 = east, clockwise as y grows down).
func arc(cx, cy, r, w, a0, a1 float64) shape {
	ri := ring(cx, cy, r, w)
	return func(x, y float64) bool {
		if !ri(x, y) {
			return false
		}
		a := math.Atan2(y-cy, x-cx)
		for a < a0 {
			a += 2 * math.Pi
		}
		return a <= a1
	}
}

func union(s ...shape) shape {
	return func(x, y float64) bool {
		for _, f := range s {
			if f(x, y) {
				return true
			}
		}
		return false
	}
}

func poly(pts ...[2]float64) shape {
	return func(x, y float64) bool {
		in := false
		for i, j := 0, len(pts)-1; i < len(pts); j, i = i, i+1 {
			xi, yi, xj, yj := pts[i][0], pts[i][1], pts[j][0], pts[j][1]
			if (yi > y) != (yj > y) && x < (xj-xi)*(y-yi)/(yj-yi)+xi {
				in = !in
			}
		}
		return in
	}
}

type layer struct {
	s shape
	c color.NRGBA
}

// render supersamples 4x4 per pixel for smooth edges.
func render(size int, layers ...layer) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	const ss = 4
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			var r, g, b, a float64
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					x := (float64(px) + (float64(sx)+0.5)/ss) / float64(size)
					y := (float64(py) + (float64(sy)+0.5)/ss) / float64(size)
					var c color.NRGBA
					for _, l := range layers {
						if l.s(x, y) {
							c = l.c
						}
					}
					fa := float64(c.A) / 255
					r += float64(c.R) * fa
					g += float64(c.G) * fa
					b += float64(c.B) * fa
					a += fa
				}
			}
			n := float64(ss * ss)
			if a > 0 {
				img.SetNRGBA(px, py, color.NRGBA{uint8(r / a), uint8(g / a), uint8(b / a), uint8(a / n * 255)})
			}
		}
	}
	return img
}

var white = color.NRGBA{255, 255, 255, 255}

var levels = []struct {
	name  string
	bg    color.NRGBA
	glyph shape
}{
	{"operational", color.NRGBA{0x2e, 0x7d, 0x32, 255}, union(seg(0.28, 0.52, 0.44, 0.68, 0.065), seg(0.44, 0.68, 0.73, 0.35, 0.065))},
	{"degraded", color.NRGBA{0xb2, 0x6a, 0x00, 255}, union(seg(0.5, 0.25, 0.5, 0.58, 0.07), disc(0.5, 0.74, 0.075))},
	{"restricted", color.NRGBA{0xd8, 0x43, 0x15, 255}, seg(0.27, 0.5, 0.73, 0.5, 0.08)},
	{"maintenance", color.NRGBA{0x15, 0x65, 0xc0, 255}, union(ring(0.5, 0.5, 0.26, 0.05), seg(0.5, 0.5, 0.5, 0.32, 0.05), seg(0.5, 0.5, 0.64, 0.58, 0.05))},
	{"outage", color.NRGBA{0xc6, 0x28, 0x28, 255}, union(seg(0.31, 0.31, 0.69, 0.69, 0.075), seg(0.69, 0.31, 0.31, 0.69, 0.075))},
	{"unknown", color.NRGBA{0x61, 0x61, 0x61, 255}, union(arc(0.5, 0.37, 0.14, 0.06, -math.Pi, math.Pi/2), seg(0.5, 0.51, 0.5, 0.6, 0.06), disc(0.5, 0.74, 0.07))},
}

// shield is the app's mark: a shield with a harbour wave.
var shield = poly([2]float64{0.5, 0.1}, [2]float64{0.84, 0.22}, [2]float64{0.82, 0.52}, [2]float64{0.72, 0.74}, [2]float64{0.5, 0.92}, [2]float64{0.28, 0.74}, [2]float64{0.18, 0.52}, [2]float64{0.16, 0.22})

func wave(y float64) shape {
	return func(x, yy float64) bool {
		c := y + 0.04*math.Sin((x-0.2)*math.Pi*4)
		return math.Abs(yy-c) <= 0.035 && x > 0.26 && x < 0.74
	}
}

func save(dir, name string, img image.Image) {
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		log.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

func main() {
	dir := "ui/assets"
	navy := color.NRGBA{0x0d, 0x2b, 0x4e, 255}
	round := func(x, y float64) bool { // rounded square background
		r := 0.2
		cx := math.Max(r, math.Min(1-r, x))
		cy := math.Max(r, math.Min(1-r, y))
		return (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r && x >= 0.02 && x <= 0.98 && y >= 0.02 && y <= 0.98
	}
	teal := color.NRGBA{0x26, 0xa6, 0x9a, 255}
	save(dir, "icon.png", render(512, layer{round, navy}, layer{shield, white}, layer{union(wave(0.5), wave(0.64)), teal}))
	for _, l := range levels {
		save(dir, "level-"+l.name+".png", render(64, layer{disc(0.5, 0.5, 0.48), l.bg}, layer{l.glyph, white}))
		// Tray: the shield in the level's colour, readable at 22 px.
		save(dir, "tray-"+l.name+".png", render(64, layer{shield, l.bg}, layer{union(wave(0.5), wave(0.64)), white}))
	}
}
