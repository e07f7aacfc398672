module github.com/alliancebot/alliancebot

go 1.26.8

require (
	github.com/go-telegram/bot v1.19.0
	github.com/joho/godotenv v1.5.1
	github.com/kljensen/snowball v0.10.0
	github.com/philippgille/chromem-go v0.7.0
	golang.org/x/time v0.16.0
)
