"""The commission's review site: which runs can be reused (cache), what each chapter is
(chapters), how it is rendered (render, templates/) and the PDF of all chapters (pdf)."""
