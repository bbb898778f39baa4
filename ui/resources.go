package ui

import (
	"image/color"

	"fyne.io/fyne/v2"

	"safeharbor/exchanges"
	"safeharbor/ui/assets"
)

// levelColor matches the badge PNGs; text on it is always white.
func levelColor(l exchanges.Level) color.NRGBA {
	switch l {
	case exchanges.Operational:
		return color.NRGBA{0x2e, 0x7d, 0x32, 0xff}
	case exchanges.Degraded:
		return color.NRGBA{0xb2, 0x6a, 0x00, 0xff}
	case exchanges.Restricted:
		return color.NRGBA{0xd8, 0x43, 0x15, 0xff}
	case exchanges.Maintenance:
		return color.NRGBA{0x15, 0x65, 0xc0, 0xff}
	case exchanges.Outage:
		return color.NRGBA{0xc6, 0x28, 0x28, 0xff}
	}
	return color.NRGBA{0x61, 0x61, 0x61, 0xff}
}

func appIcon() fyne.Resource { return fyne.NewStaticResource("safeharbor.png", assets.Icon()) }

func badgeIcon(l exchanges.Level) fyne.Resource {
	return fyne.NewStaticResource("level-"+l.String()+".png", assets.LevelBadge(l))
}

func trayIcon(l exchanges.Level) fyne.Resource {
	return fyne.NewStaticResource("tray-"+l.String()+".png", assets.Tray(l))
}
