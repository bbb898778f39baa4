package ui

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"safeharbor/config"
	"safeharbor/exchanges"
)

// settingsForm holds the widgets of the settings screen; it lives until
// saved or the language changes, so engine events never wipe an edit.
type settingsForm struct {
	u         *UI
	ids       []string
	watch     map[string]*widget.Check
	pairs     map[string]*widget.Entry
	interval  *widget.Entry
	failures  *widget.Entry
	successes *widget.Entry
	desktop   *widget.Check
	reminder  *widget.Entry
	quiet     *widget.Entry
	language  *widget.RadioGroup
	status    *widget.Label
	save      *widget.Button
}

var langChoices = []string{"日本語", "English"}

func (u *UI) newSettingsForm() *settingsForm {
	f := &settingsForm{u: u, watch: map[string]*widget.Check{}, pairs: map[string]*widget.Entry{}}
	cfg := u.cfg
	current := map[string]config.Exchange{}
	for _, e := range cfg.Exchanges {
		current[e.ID] = e
	}
	// The built-in exchanges in catalog order, then other adapters, then custom endpoints.
	f.ids = slices.Clone(exchanges.Order)
	for _, x := range exchanges.All() {
		if !slices.Contains(f.ids, x.ID) {
			f.ids = append(f.ids, x.ID)
		}
	}
	for _, e := range cfg.Exchanges {
		if !slices.Contains(f.ids, e.ID) {
			f.ids = append(f.ids, e.ID)
		}
	}
	for _, id := range f.ids {
		e, on := current[id]
		name := id
		if on {
			name = displayName(e)
		} else {
			name = displayName(config.Exchange{ID: id})
		}
		c := widget.NewCheck(name, nil)
		c.SetChecked(on)
		f.watch[id] = c
		p := widget.NewEntry()
		p.SetPlaceHolder(pairHint(id))
		p.SetText(strings.Join(e.Pairs, ", "))
		f.pairs[id] = p
	}
	f.interval = widget.NewEntry()
	f.interval.SetText(durText(cfg.Interval.Duration, 15*time.Second))
	f.failures = widget.NewEntry()
	f.failures.SetText(intText(cfg.Failures, 3))
	f.successes = widget.NewEntry()
	f.successes.SetText(intText(cfg.Successes, 2))
	f.desktop = widget.NewCheck(u.lang.T("set.desktop"), nil)
	f.desktop.SetChecked(cfg.Alerts.Desktop == nil || *cfg.Alerts.Desktop)
	f.reminder = widget.NewEntry()
	f.reminder.SetText(durText(cfg.Alerts.Reminder.Duration, 30*time.Minute))
	f.quiet = widget.NewEntry()
	f.quiet.SetPlaceHolder("23:00-07:00")
	f.quiet.SetText(cfg.Alerts.QuietHours)
	f.language = widget.NewRadioGroup(langChoices, nil)
	f.language.Horizontal = true
	if u.lang == Japanese {
		f.language.SetSelected(langChoices[0])
	} else {
		f.language.SetSelected(langChoices[1])
	}
	f.status = widget.NewLabel(u.status)
	f.status.Wrapping = fyne.TextWrapWord
	f.save = widget.NewButtonWithIcon(u.lang.T("set.save"), theme.DocumentSaveIcon(), f.submit)
	f.save.Importance = widget.HighImportance
	return f
}

func pairHint(id string) string {
	if x, ok := exchanges.Lookup(id); ok && len(x.DefaultPairs) > 0 {
		return strings.Join(x.DefaultPairs[:min(2, len(x.DefaultPairs))], ", ")
	}
	return ""
}

func durText(d, def time.Duration) string {
	if d == 0 {
		d = def
	}
	s := d.String()
	s = strings.TrimSuffix(s, "0s")
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	if s == "" {
		return "0s"
	}
	return s
}

func intText(n, def int) string {
	if n == 0 {
		n = def
	}
	return strconv.Itoa(n)
}

func (f *settingsForm) view() fyne.CanvasObject {
	l := f.u.lang
	top := container.NewVBox(widget.NewLabelWithStyle(l.T("set.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	if f.u.firstRun {
		top.Add(wrapLabel(l.T("set.firstrun")))
	}
	grid := container.NewGridWithColumns(4)
	for _, id := range f.ids {
		grid.Add(f.watch[id])
		grid.Add(f.pairs[id])
	}
	exch := card(l.T("set.exchanges"), container.NewVBox(
		widget.NewLabelWithStyle(l.T("set.pairs"), fyne.TextAlignLeading, fyne.TextStyle{Italic: true}), grid))
	checking := card(l.T("set.checking"), widget.NewForm(
		widget.NewFormItem(l.T("set.interval"), f.interval),
		widget.NewFormItem(l.T("set.failures"), f.failures),
		widget.NewFormItem(l.T("set.successes"), f.successes),
	))
	notes := card(l.T("set.notify"), container.NewVBox(f.desktop, widget.NewForm(
		widget.NewFormItem(l.T("set.reminder"), f.reminder),
		widget.NewFormItem(l.T("set.quiet"), f.quiet),
	)))
	lang := card(l.T("set.language"), f.language)
	bottom := container.NewBorder(nil, nil, nil, f.save, f.status)
	return container.NewBorder(top, bottom, nil, nil,
		container.NewVScroll(container.NewVBox(exch, checking, notes, lang)))
}

// build turns the form into a config, keeping every field the form does not show.
func (f *settingsForm) build() (config.Config, Lang, error) {
	l := f.u.lang
	cfg := f.u.cfg
	old := map[string]config.Exchange{}
	for _, e := range cfg.Exchanges {
		old[e.ID] = e
	}
	cfg.Exchanges = nil
	for _, id := range f.ids {
		if !f.watch[id].Checked {
			continue
		}
		e, ok := old[id]
		if !ok {
			e = config.Exchange{ID: id}
		}
		e.Pairs = splitPairs(f.pairs[id].Text)
		cfg.Exchanges = append(cfg.Exchanges, e)
	}
	if len(cfg.Exchanges) == 0 {
		return cfg, "", errors.New(l.T("set.none"))
	}
	var err error
	if cfg.Interval.Duration, err = parseDur(l, l.T("set.interval"), f.interval.Text); err != nil {
		return cfg, "", err
	}
	if cfg.Failures, err = parseInt(l, l.T("set.failures"), f.failures.Text); err != nil {
		return cfg, "", err
	}
	if cfg.Successes, err = parseInt(l, l.T("set.successes"), f.successes.Text); err != nil {
		return cfg, "", err
	}
	if cfg.Alerts.Reminder.Duration, err = parseDur(l, l.T("set.reminder"), f.reminder.Text); err != nil {
		return cfg, "", err
	}
	on := f.desktop.Checked
	cfg.Alerts.Desktop = &on
	cfg.Alerts.QuietHours = strings.TrimSpace(f.quiet.Text)
	lang := English
	if f.language.Selected == langChoices[0] {
		lang = Japanese
	}
	cfg.Language = string(lang)
	return cfg, lang, nil
}

func splitPairs(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '、' }) {
		if p = strings.TrimSpace(p); p != "" && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

func parseDur(l Lang, field, s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "off" {
		return 0, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, errors.New(l.T("set.bad.duration", field, s))
	}
	return d, nil
}

func parseInt(l Lang, field, s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 1 {
		return 0, errors.New(l.T("set.bad.number", field, s))
	}
	return n, nil
}

// submit validates, saves, applies to the engine, and switches language, without a restart.
func (f *settingsForm) submit() {
	u := f.u
	cfg, lang, err := f.build()
	if err == nil && u.opts.Store != nil {
		cfg, err = u.opts.Store.Save(cfg)
	}
	if err != nil {
		u.status = u.lang.T("set.error", err.Error())
		f.status.SetText(u.status)
		return
	}
	u.firstRun = false
	u.applyConfig(cfg)
	if cfg.Path != "" {
		u.status = lang.T("set.saved", cfg.Path)
	} else {
		u.status = lang.T("set.applied")
	}
	if lang != u.lang {
		u.SetLang(lang) // rebuilds the form in the new language, with the status
		return
	}
	f.status.SetText(u.status)
}

// applyConfig makes cfg current: rows, engine, alerts.
func (u *UI) applyConfig(cfg config.Config) {
	u.cfg = cfg
	u.m.reset(cfg)
	if u.opts.Apply != nil {
		u.opts.Apply(cfg)
	}
	u.updateTray()
}
