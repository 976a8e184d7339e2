---@meta

