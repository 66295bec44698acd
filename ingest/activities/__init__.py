"""Activities (履职台账) as units report them: typed in the page, sent over the API, or a 台账
spreadsheet, read into one `ActivityRecord` (`fields`), checked row by row (`reader`), and written
as a graph batch with what they link to (`write`)."""
